package io.diskdb.acl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The users of one server. Reads (every command's permission check) go to a concurrent map of
 * immutable users without locking; changes are serialised, written to the ACL file first and
 * only then made visible, so what a client was told (OK) is what survives a restart.
 *
 * <p>The "default" user always exists. {@code requirepass} is its password: set, the default
 * user has exactly that password; empty, it has "nopass".
 */
public final class AclRegistry {
    public static final String DEFAULT_USER = "default";

    private final CommandIndex index;
    private final AclFile file;
    private final ConcurrentSkipListMap<String, AclUser> users = new ConcurrentSkipListMap<>();
    private final List<AclListener> listeners = new CopyOnWriteArrayList<>();

    public AclRegistry(CommandIndex index, AclFile file) {
        this.index = index;
        this.file = file;
        users.put(DEFAULT_USER, defaultUser(index));
    }

    /** Redis's default user: on nopass ~* &* +@all. */
    private static AclUser defaultUser(CommandIndex index) {
        try {
            return UserEditor.newUser(index, DEFAULT_USER).apply(List.of("on", "nopass", "~*", "&*", "+@all")).build();
        } catch (AclRuleException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * At startup: the users of the ACL file, if there is one, then {@code requirepass} (when
     * set) as the default user's password, so the config file stays the authority for it.
     */
    public void open(String requirepass) throws IOException, AclFile.AclFileException {
        if (file.exists()) {
            replaceAll(file.read(index));
        }
        if (requirepass != null && !requirepass.isEmpty()) {
            applyRequirepass(requirepass);
        }
    }

    public CommandIndex index() {
        return index;
    }

    public AclFile file() {
        return file;
    }

    public void addListener(AclListener listener) {
        listeners.add(listener);
    }

    /** The user with this name, or null. */
    public AclUser user(String name) {
        return users.get(name);
    }

    public AclUser defaultUser() {
        return users.get(DEFAULT_USER);
    }

    /** Users sorted by name, as ACL LIST and ACL USERS show them. */
    public Collection<AclUser> all() {
        return users.values();
    }

    /** The user AUTH/HELLO logs in as, or null: unknown, disabled or wrong password look the same. */
    public AclUser authenticate(String name, byte[] password) {
        AclUser user = users.get(name);
        return user != null && user.acceptsPassword(password) ? user : null;
    }

    /** ACL SETUSER: applies the rules to the user (a new one if absent); all or nothing. */
    public synchronized void setUser(String name, List<String> rules) throws AclRuleException, IOException {
        AclUser current = users.get(name);
        UserEditor editor = current == null ? UserEditor.newUser(index, name) : UserEditor.edit(index, current);
        AclUser changed = editor.apply(rules).build();
        Map<String, AclUser> next = new ConcurrentSkipListMap<>(users);
        next.put(name, changed);
        file.write(next.values());
        users.put(name, changed);
        notify(name, changed);
    }

    /** ACL DELUSER: how many of the names existed and were deleted; "default" is refused by the caller. */
    public synchronized int deleteUsers(List<String> names) throws IOException {
        Map<String, AclUser> next = new ConcurrentSkipListMap<>(users);
        List<String> deleted = new ArrayList<>();
        for (String name : names) {
            if (next.remove(name) != null) {
                deleted.add(name);
            }
        }
        if (!deleted.isEmpty()) {
            file.write(next.values());
            deleted.forEach(users::remove);
            deleted.forEach(name -> notify(name, null));
        }
        return deleted.size();
    }

    /** requirepass changed (startup or CONFIG SET): the default user's password follows it. */
    public synchronized void applyRequirepass(String requirepass) {
        List<String> rules = requirepass == null || requirepass.isEmpty()
                ? List.of("nopass")
                : List.of("resetpass", ">" + requirepass);
        try {
            AclUser changed = UserEditor.edit(index, defaultUser()).apply(rules).build();
            users.put(DEFAULT_USER, changed);
            notify(DEFAULT_USER, changed);
        } catch (AclRuleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ACL SAVE. */
    public synchronized void save() throws IOException {
        file.write(users.values());
    }

    /** ACL LOAD: the file's users replace all current ones, or nothing changes if a line is bad. */
    public synchronized void load() throws IOException, AclFile.AclFileException {
        replaceAll(file.read(index));
    }

    private void replaceAll(Map<String, AclUser> loaded) {
        List<String> before = new ArrayList<>(users.keySet());
        users.putAll(loaded);
        // As Redis: a file without the default user resets it to "on nopass ~* &* +@all".
        if (!loaded.containsKey(DEFAULT_USER)) {
            users.put(DEFAULT_USER, defaultUser(index));
        }
        for (String name : before) {
            if (!loaded.containsKey(name) && !name.equals(DEFAULT_USER)) {
                users.remove(name);
                notify(name, null);
            }
        }
        loaded.forEach(this::notify);
    }

    private void notify(String name, AclUser now) {
        for (AclListener listener : listeners) {
            listener.userChanged(name, now);
        }
    }

    /** ACL GENPASS: {@code bits} random bits as lowercase hex (rounded up to whole hex digits). */
    public static String generatePassword(int bits) {
        byte[] random = new byte[(bits + 7) / 8];
        new java.security.SecureRandom().nextBytes(random);
        String hex = java.util.HexFormat.of().formatHex(random);
        return hex.substring(0, (bits + 3) / 4);
    }
}
