package app.triplicate.catalog;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Finishes the commits a kill cut short, before anything else touches the catalog.
 *
 * <p>When a process dies while H2 commits, the file can hold the transaction's commit marker with some of its
 * rows not yet finished. H2 reopens such a transaction as committed. Up to 2.4.240 it then finished it; 2.5.252
 * skips that step for a transaction that was already committed, so the transaction stays open for ever: its
 * unfinished rows read as they were before it (a figure can then disagree with the copies it counts), and any
 * write to them spins without end ({@code LOCK_TIMEOUT} never fires). This does the step 2.4.240 did — the same
 * two calls its {@code Transaction.commit()} made for a transaction already committed — through H2's own
 * transaction store; they are not public, hence reflection. A catalog H2 has left in any other unfinished
 * state is refused with a message, rather than opened to hang later.
 */
final class LeftoverCommits {
    private LeftoverCommits() {
    }

    /** @return how many commits were finished */
    static int finish(Connection connection, Path base) throws SQLException {
        org.h2.mvstore.db.Store database = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
                .getDatabase().getStore();
        TransactionStore store = database.getTransactionStore();
        List<Transaction> left = store.getOpenTransactions().stream()
                .filter(t -> t.getStatus() == Transaction.STATUS_COMMITTED).toList();
        for (Transaction t : left) {
            try {
                Method commit = TransactionStore.class.getDeclaredMethod("commit", Transaction.class, boolean.class);
                commit.setAccessible(true);
                Method close = Transaction.class.getDeclaredMethod("close", boolean.class, Throwable.class);
                close.setAccessible(true);
                commit.invoke(store, t, true); // true: its commit marker is already in the file
                close.invoke(t, t.hasChanges(), null);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                throw new CatalogException("The catalog at " + base + " holds a change that was being saved when "
                        + "Triplicate was stopped, and it could not be finished (" + cause + "). "
                        + Catalog.wayOut(base), cause);
            }
        }
        if (!left.isEmpty()) {
            database.getMvStore().commit(); // saved now, not at the next write delay
        }
        if (store.getOpenTransactions().stream().anyMatch(t -> t.getStatus() == Transaction.STATUS_COMMITTED)) {
            throw new CatalogException("The catalog at " + base + " holds a change that was being saved when "
                    + "Triplicate was stopped, and it could not be finished. " + Catalog.wayOut(base), null);
        }
        return left.size();
    }
}
