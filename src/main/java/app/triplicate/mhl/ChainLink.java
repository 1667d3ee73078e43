package app.triplicate.mhl;

/** One line of {@code ascmhl_chain.xml}: a generation's file name and the C4 id of its bytes. */
public record ChainLink(int sequence, String path, String c4) {
}
