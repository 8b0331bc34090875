package com.adaptivestartup.server.access;

/** What someone does on a page of the workspace; custom roles allow each but viewing separately. */
public enum Action {
    VIEW, CREATE, EDIT, DELETE
}
