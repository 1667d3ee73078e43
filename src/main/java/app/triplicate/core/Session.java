package app.triplicate.core;

/**
 * A group of media files shot together, named by the user.
 *
 * @param stableId the short id {@code status} prints and commands accept
 * @param folder   the session's folder relative to the library root
 */
public record Session(long id, String stableId, String name, String folder) {
}
