package com.adaptivestartup.console.fixtureright;

/** Uses Left, which uses it back: a cycle the architecture rule must catch. */
public final class Right {
    public com.adaptivestartup.console.fixtureleft.Left left() {
        return null;
    }
}
