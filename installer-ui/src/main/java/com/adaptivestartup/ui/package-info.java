/**
 * The JavaFX installer wizard and operator console: views bind to view models, view models call
 * console-core services. The only module that may use JavaFX. Filled in by the installer-ui issue.
 */
package com.adaptivestartup.ui;
