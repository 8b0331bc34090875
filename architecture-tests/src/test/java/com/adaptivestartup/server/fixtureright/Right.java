package com.adaptivestartup.server.fixtureright;

/** Uses Left, which uses it back: a cycle the architecture rule must catch. */
public final class Right {
    public com.adaptivestartup.server.fixtureleft.Left left() {
        return null;
    }
}
