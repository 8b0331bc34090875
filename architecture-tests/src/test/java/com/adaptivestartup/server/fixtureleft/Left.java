package com.adaptivestartup.server.fixtureleft;

/** Uses Right, which uses it back: a cycle the architecture rule must catch. */
public final class Left {
    public com.adaptivestartup.server.fixtureright.Right right() {
        return null;
    }
}
