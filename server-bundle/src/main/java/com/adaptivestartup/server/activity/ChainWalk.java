package com.adaptivestartup.server.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Walks one organization's chain entry by entry, oldest first, and says where (if anywhere) it breaks. */
final class ChainWalk implements Consumer<ActivityLog.Entry> {
    private final UUID orgId;
    private final Optional<AuditKey> key;
    private String expectedPrev = ActivityLog.GENESIS;
    private long entries;
    private long lastSeq;
    private Long brokenAt;
    private String problem;
    private boolean keyedSeen;

    ChainWalk(UUID orgId, Optional<AuditKey> key) {
        this.orgId = orgId;
        this.key = key;
    }

    @Override
    public void accept(ActivityLog.Entry e) {
        entries++;
        if (problem != null) {
            return;
        }
        if (!e.prevHash().equals(expectedPrev)) {
            fail(e.seq(), "entry " + e.seq() + " does not follow the one before it (an entry before it was removed or"
                    + " replaced)");
            return;
        }
        Optional<String> expected = e.expectedHash(key);
        if (expected.isEmpty()) {
            fail(e.seq(), "entry " + e.seq() + " is keyed, and this server has no audit key to check it (AUDIT_KEY)");
            return;
        }
        if (!expected.get().equals(e.hash())) {
            fail(e.seq(), "entry " + e.seq() + " was changed after it was written");
            return;
        }
        if (ActivityLog.KEYED.equals(e.chain())) {
            keyedSeen = true;
        } else if (keyedSeen) {
            // Without the key a rewritten entry can only pass as a plain one: after keyed entries, none may be.
            fail(e.seq(), "entry " + e.seq() + " is not keyed although entries before it are: it was added or"
                    + " rewritten from inside the database (or written by a release before 1.2.0, after a rollback)");
            return;
        }
        expectedPrev = e.hash();
        lastSeq = e.seq();
    }

    private void fail(long seq, String why) {
        brokenAt = seq;
        problem = why;
    }

    ActivityLog.ChainCheck result() {
        List<String> notes = new ArrayList<>();
        if (!keyedSeen && entries > 0) {
            notes.add("no entry is keyed yet: entries written before release 1.2.0, or without an audit key, are"
                    + " protected by their chain and the anchors kept outside the database only");
        }
        ActivityLog.Head head = new ActivityLog.Head(orgId, problem == null ? lastSeq : 0, problem == null ? expectedPrev : null);
        return new ActivityLog.ChainCheck(problem == null, entries, brokenAt, problem, head, List.copyOf(notes));
    }
}
