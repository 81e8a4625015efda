package io.diskdb.acl;

/**
 * Told after a user was created, changed or deleted (by ACL SETUSER, DELUSER, LOAD or
 * requirepass), on the thread that made the change. {@code now} is null for a deleted user.
 */
@FunctionalInterface
public interface AclListener {
    void userChanged(String name, AclUser now);
}
