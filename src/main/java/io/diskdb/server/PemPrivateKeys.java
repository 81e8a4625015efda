package io.diskdb.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted PEM private key without BouncyCastle: PKCS#8 ("BEGIN PRIVATE KEY", what
 * OpenSSL 3 writes by default) as is, PKCS#1 ("BEGIN RSA PRIVATE KEY", OpenSSL 1.x and
 * {@code -traditional}) by wrapping it in a PKCS#8 envelope, which is all that format differs by.
 */
final class PemPrivateKeys {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");
    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final String[] ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "DSA"};

    private PemPrivateKeys() {
    }

    static PrivateKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher pem = PEM.matcher(text);
        while (pem.find()) {
            String type = pem.group(1);
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der, file);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(wrapPkcs1(der), file);
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IOException(file + ": encrypted private keys are not "
                        + "supported; decrypt it (openssl pkey -in key.pem -out plain.pem)");
                case "EC PRIVATE KEY" -> throw new IOException(file + ": SEC1 EC keys are not supported; convert it "
                        + "to PKCS#8 (openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem)");
                default -> {
                    // e.g. "EC PARAMETERS" before the key: keep looking
                }
            }
        }
        throw new IOException(file + ": no PEM private key found");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new IOException(file + ": unsupported private key algorithm");
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        writeLength(sequence, body.size());
        sequence.writeBytes(body.toByteArray());
        return sequence.toByteArray();
    }

    /** DER length: short form below 128, else 0x80|n followed by n big-endian bytes. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
