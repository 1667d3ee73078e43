package app.triplicate.ui.dashboard;

import javafx.scene.image.Image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The thumbnails shown last, by media file id (least recently used dropped first): going back and forth
 * through a session reads each preview from the drive once. A file found to have no preview is remembered
 * too. Used on the JavaFX thread only.
 */
final class ThumbnailCache {
    /** A thumbnail, or why there is none. */
    record Entry(Image image, String reason) {
    }

    private final Map<Long, Entry> entries;

    ThumbnailCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Long, ThumbnailCache.Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    Entry get(long fileId) {
        return entries.get(fileId);
    }

    void put(long fileId, Entry entry) {
        entries.put(fileId, entry);
    }

    int size() {
        return entries.size();
    }
}
