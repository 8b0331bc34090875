/**
 * The Adaptive Startup server that runs inside the customer's stack: REST API, auth, ventures,
 * metrics, files and real-time, on PostgreSQL, Redis and S3-compatible storage. It knows nothing of
 * the console; the console runs it as containers. Filled in by the server-bundle issue.
 */
package com.adaptivestartup.server;
