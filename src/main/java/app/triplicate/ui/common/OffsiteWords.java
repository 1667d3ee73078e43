package app.triplicate.ui.common;

import app.triplicate.core.CannotRunException;
import app.triplicate.core.UsageException;
import app.triplicate.remote.PushService;
import app.triplicate.remote.RemoteException;

import java.util.concurrent.CompletionException;

/** What an offsite upload did or why it stopped, in words: plain functions, unit-tested. */
public final class OffsiteWords {
    private OffsiteWords() {
    }

    /** "Offsite copies up to date: 5 files sent to sftp://...", or what is left and why. */
    public static String outcome(PushService.Report r) {
        StringBuilder b = new StringBuilder();
        long sent = r.uploaded().stream().filter(u -> !u.alreadyThere()).count();
        if (r.stopped()) {
            b.append("Offsite upload stopped");
            if (sent > 0) {
                b.append(" after ").append(Formats.count(sent, "file"));
            }
            b.append("; it carries on with the rest next time.");
        } else if (!r.failed().isEmpty()) {
            b.append("Offsite upload: ").append(Formats.count(r.failed().size(), "file"))
                    .append(r.failed().size() == 1 ? " was" : " were").append(" not uploaded. ")
                    .append(r.failed().get(0).libraryPath()).append(": ").append(r.failed().get(0).message());
        } else if (r.waiting() == 0) {
            b.append("Offsite copies up to date");
            if (sent > 0) {
                b.append(": ").append(Formats.count(sent, "file")).append(" sent to ").append(r.remote());
            }
            b.append('.');
        } else {
            b.append("Offsite upload finished");
            if (sent > 0) {
                b.append(": ").append(Formats.count(sent, "file")).append(" sent to ").append(r.remote());
            }
            b.append('.');
        }
        if (r.waiting() > 0) {
            b.append(' ').append(Formats.count(r.waiting(), "file")).append(r.waiting() == 1 ? " waits" : " wait")
                    .append(" for a drive that holds ").append(r.waiting() == 1 ? "it" : "them").append(" to be connected");
            if (!r.waitingOn().isEmpty()) {
                b.append(" (").append(String.join(", ", r.waitingOn())).append(')');
            }
            b.append('.');
        }
        for (String w : r.warnings()) {
            b.append(' ').append(w);
        }
        return b.toString();
    }

    /**
     * Whether the outcome wants the user's attention (a notification), not just a line in the status bar:
     * files not sent, or a drive copy found bad on the way.
     */
    public static boolean needsAttention(PushService.Report r) {
        return !r.failed().isEmpty() || !r.warnings().isEmpty();
    }

    /** "Offsite upload stopped: " and the failure's own message; never a stack trace. */
    public static String failure(Throwable e) {
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        boolean worded = cause instanceof RemoteException || cause instanceof CannotRunException
                || cause instanceof UsageException || cause instanceof java.io.UncheckedIOException;
        if (!worded || message == null || message.isBlank()) {
            message = "something unexpected went wrong (" + cause.getClass().getSimpleName()
                    + "); the details are in the log file in Triplicate's home folder.";
        }
        return "Offsite upload stopped: " + message;
    }
}
