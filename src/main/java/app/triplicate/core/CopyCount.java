package app.triplicate.core;

import java.util.Collection;

/**
 * The copy count rule: distinct locations holding a verified copy, where folders on one physical device
 * count once, unless the user registered a folder as a separate copy ({@code --same-device}).
 */
public final class CopyCount {
    private CopyCount() {
    }

    /** What makes a location distinct for counting. */
    public static String countingKey(Location l) {
        return l.sameDevice() || l.deviceId() == null ? "location:" + l.id() : "device:" + l.deviceId();
    }

    public static int of(Collection<Location> locationsWithVerifiedCopy) {
        return (int) locationsWithVerifiedCopy.stream().map(CopyCount::countingKey).distinct().count();
    }
}
