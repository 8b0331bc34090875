package com.adaptivestartup.console.fixtureleft;

/** Uses Right, which uses it back: a cycle the architecture rule must catch. */
public final class Left {
    public com.adaptivestartup.console.fixtureright.Right right() {
        return null;
    }
}
