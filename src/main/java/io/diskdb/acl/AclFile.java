package io.diskdb.acl;

import io.diskdb.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACL file in Redis's syntax, one user per line: {@code user alice on #<sha256> ~cache:* +@read}.
 * A file written by Redis's ACL SAVE loads here and the other way round. Empty lines and lines
 * starting with '#' are skipped, as Redis does. Writes go to a temporary file renamed over the
 * old one, so a crash never leaves half a file.
 */
public final class AclFile {
    private final Path path;

    public AclFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** The users of the file by name, in file order; every line is checked before any is used. */
    public Map<String, AclUser> read(CommandIndex index) throws AclFileException, IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        Map<String, AclUser> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words = Arrays.asList(line.split("\\s+"));
            int lineNumber = i + 1;
            if (!words.get(0).equals("user") || words.size() < 2) {
                throw error(lineNumber, "line should start with user keyword");
            }
            String name = words.get(1);
            if (users.containsKey(name)) {
                throw error(lineNumber, "Duplicate user '" + name + "' found");
            }
            try {
                users.put(name, UserEditor.newUser(index, name).apply(words.subList(2, words.size())).build());
            } catch (AclRuleException e) {
                throw error(lineNumber, "Error in applying operation '" + e.rule() + "': " + e.getMessage());
            }
        }
        return users;
    }

    private AclFileException error(int line, String reason) {
        return new AclFileException(path + ":" + line + ": " + reason + ". ");
    }

    public void write(Collection<AclUser> users) throws IOException {
        List<String> lines = new ArrayList<>(users.size());
        users.forEach(user -> lines.add(user.describe()));
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        Files.createDirectories(path.toAbsolutePath().getParent());
        AtomicFiles.replace(path, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A line of the file that cannot be loaded; the message names file and line as Redis does. */
    public static final class AclFileException extends Exception {
        AclFileException(String message) {
            super(message);
        }
    }
}
