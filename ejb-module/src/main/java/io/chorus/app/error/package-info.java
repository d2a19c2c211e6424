/** The error catalogue and the one exception type that carries it across module boundaries. */
package io.chorus.app.error;
