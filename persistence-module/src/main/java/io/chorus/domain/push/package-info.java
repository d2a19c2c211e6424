/**
 * Push notifications' tables (docs/PUSH.md): each device's push target ({@code push_registration}),
 * the users' mute lists ({@code push_mute}), their preview policy, and the marks on pending copies
 * that say a push already announced them. Native SQL only: the rows are small and the decisions are
 * set operations.
 */
package io.chorus.domain.push;
