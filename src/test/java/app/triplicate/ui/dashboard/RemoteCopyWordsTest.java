package app.triplicate.ui.dashboard;

import app.triplicate.catalog.SessionFilesService.CopyEntry;
import app.triplicate.core.CopyState;
import app.triplicate.core.DriveRole;
import app.triplicate.core.VerifyMethod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session view lists the remote's copy like a drive's: as the remote, offsite, with how it was checked. */
class RemoteCopyWordsTest {
    private static CopyEntry copy(String label, boolean offsite, CopyState state, VerifyMethod method) {
        return new CopyEntry(1, UUID.randomUUID(), label, DriveRole.BACKUP, offsite, false, "2026/x/IMG_1.JPG", state,
                Instant.parse("2026-11-20T10:00:00Z"), method);
    }

    @Test
    void theRemotesCopyIsNamedAsTheRemoteWithItsCheck() {
        CopyEntry s3 = copy("Remote s3://studio at https://s3.example.com", true, CopyState.VERIFIED,
                VerifyMethod.PROVIDER_CHECKSUM);
        assertTrue(SessionDetailWords.remote(s3));
        assertEquals("Remote s3://studio at https://s3.example.com (remote, offsite)", SessionDetailWords.location(s3));
        assertEquals("Checked on the remote: the provider's SHA-256 of the object matched the one sent with the "
                + "upload, without downloading it (provider-checksum).", SessionDetailWords.stateTooltip(s3, false));

        CopyEntry sftp = copy("Remote sftp://photo@nas/backup", true, CopyState.VERIFIED, VerifyMethod.READ_BACK);
        assertEquals("Checked on the remote: read back over the network and matched the hash recorded at import "
                + "(read-back).", SessionDetailWords.stateTooltip(sftp, false));
        CopyEntry missing = copy("Remote sftp://photo@nas/backup", true, CopyState.MISSING, null);
        assertTrue(SessionDetailWords.remote(missing), "known by its location when it has no method");
        assertTrue(SessionDetailWords.stateTooltip(missing, false).startsWith("Not found on the remote"));

        CopyEntry vault = copy("Vault", true, CopyState.VERIFIED, VerifyMethod.DIRECT_READ);
        assertFalse(SessionDetailWords.remote(vault));
        assertEquals("Vault (backup, offsite)", SessionDetailWords.location(vault));
        assertTrue(SessionDetailWords.stateTooltip(vault, false).startsWith("Read back from the drive"));
    }
}
