/**
 * Implementation details of the SDK (wire format, streaming body, key file codec, HMAC, backoff).
 * Not API: public only so that the public package can use it; may change in any release.
 */
package nl.hitmachine.connector.internal;
