package app.triplicate.remote;

import app.triplicate.catalog.LocationRepository;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;
import app.triplicate.mhl.ManifestFolder;
import app.triplicate.mhl.ManifestPlace;
import app.triplicate.progress.Cancellation;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The remote's session folders as places for their ASC MHL histories: each write opens the remote that is set (with
 * push's patient retries), for the remote location in use only, and closes it after. The histories are the drives'
 * (same format, same rules); here they are read with {@link RemoteStore#list} and {@link RemoteStore#open} and each
 * file is written whole with {@link RemoteStore#replace}.
 */
public final class RemoteManifests implements ManifestPlace.Elsewhere {
    /** A generation or a chain larger than this is not one Triplicate wrote, nor one it can continue. */
    static final int MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

    private final RemoteStores stores;
    private final LocationRepository locations;
    private final RetryingStore.Backoff backoff;

    public RemoteManifests(RemoteStores stores, LocationRepository locations, RetryingStore.Backoff backoff) {
        this.stores = stores;
        this.locations = locations;
        this.backoff = backoff;
    }

    @Override
    public Optional<ManifestPlace> open(UUID locationId) {
        Optional<Location> remote = locations.currentRemote();
        Optional<RemoteConfig> config = stores.config();
        if (remote.isEmpty() || config.isEmpty() || !remote.get().id().equals(locationId)) {
            return Optional.empty(); // a remote set aside: its copies no longer count, its folders are left as they are
        }
        RemoteStore store = new RetryingStore(stores.open(config.get()), backoff, new Cancellation());
        return Optional.of(new Place(remote.get().label(), store));
    }

    private record Place(String label, RemoteStore store) implements ManifestPlace {
        @Override
        public ManifestFolder folder(String sessionFolder) {
            return new Folder(store, sessionFolder);
        }

        /** An upload cut short leaves its part beside the file, in the session folder. */
        @Override
        public List<String> ownIgnore() {
            return List.of("*" + Keys.PART_SUFFIX);
        }

        @Override
        public boolean keepsFolderNames() {
            return true;
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** One session folder on the remote: objects under {@code <folder>/}, its history under {@code <folder>/ascmhl/}. */
    private record Folder(RemoteStore store, String folder) implements ManifestFolder {
        @Override
        public String name() {
            return folder.substring(folder.lastIndexOf('/') + 1);
        }

        @Override
        public String describe() {
            return store.describe() + " " + folder;
        }

        private String manifest(String name) {
            return folder + "/" + LibraryLayout.MANIFEST_FOLDER + "/" + name;
        }

        @Override
        public List<String> manifestNames() {
            return store.list(folder + "/" + LibraryLayout.MANIFEST_FOLDER);
        }

        @Override
        public Optional<byte[]> readManifest(String name) throws IOException {
            Optional<InputStream> in = store.open(manifest(name));
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream s = in.get()) {
                byte[] bytes = s.readNBytes(MAX_MANIFEST_BYTES + 1);
                if (bytes.length > MAX_MANIFEST_BYTES) {
                    throw new IOException(manifest(name) + " on " + store.describe() + " is larger than "
                            + MAX_MANIFEST_BYTES + " bytes: not a manifest Triplicate can continue");
                }
                return Optional.of(bytes);
            }
        }

        @Override
        public void writeManifest(String name, byte[] bytes) {
            store.replace(manifest(name), bytes);
        }

        @Override
        public long size(String path) {
            return store.stat(folder + "/" + path).map(RemoteStore.RemoteObject::size).orElse(-1L);
        }

        /** Neither store keeps a time Triplicate set: the generation leaves it out. */
        @Override
        public OffsetDateTime modified(String path) {
            return null;
        }

        @Override
        public Optional<Found> readAgain(String path) throws IOException {
            Optional<InputStream> in = store.open(folder + "/" + path);
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream s = in.get()) {
                return Optional.of(ManifestFolder.hash(s));
            }
        }
    }
}
