package dev.wharf.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' name and value checks (k8s.io/apimachinery/pkg/util/validation): each returns the list of
 * messages Kubernetes would print, empty when the value is fine.
 */
public final class Names {
    public static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final String ENV_VAR_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern WILDCARD_SUBDOMAIN = Pattern.compile("\\*\\." + DNS1123_SUBDOMAIN_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    private static final Pattern ENV_VAR = Pattern.compile(ENV_VAR_FMT);
    private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern PORT_NAME_LETTER = Pattern.compile(".*[a-z].*");

    private Names() {
    }

    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                    + "start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    /** Service names: like a DNS-1123 label but must start with a letter. */
    public static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(maxLen(253));
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(subdomainMessage());
        }
        return errs;
    }

    /** A DNS subdomain that may start with "*." (Ingress hosts). */
    public static List<String> wildcardDns1123Subdomain(String value) {
        if (value.startsWith("*.")) {
            List<String> errs = new ArrayList<>();
            if (!WILDCARD_SUBDOMAIN.matcher(value).matches()) {
                errs.add(regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
                        + "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
                        "\\*\\." + DNS1123_SUBDOMAIN_FMT, "*.example.com"));
            }
            return errs;
        }
        return dns1123Subdomain(value);
    }

    private static String subdomainMessage() {
        return regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
                + "start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com");
    }

    /** Label keys and annotation keys: an optional DNS subdomain prefix and a slash, then a name of at most 63. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errs.add("prefix part must be non-empty");
                } else {
                    for (String m : dns1123Subdomain(prefix)) {
                        errs.add("prefix part " + m);
                    }
                }
            }
            default -> {
                errs.add("a qualified name " + regexError(qualifiedNameMsg(), QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
            }
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLen(63));
        }
        if (!name.isEmpty() && !QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(qualifiedNameMsg(), QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    private static String qualifiedNameMsg() {
        return "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    }

    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLen(63));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
                    + "must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    public static List<String> envVarName(String value) {
        List<String> errs = new ArrayList<>();
        if (!ENV_VAR.matcher(value).matches()) {
            errs.add(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
                    + "and must not start with a digit", ENV_VAR_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        }
        return errs;
    }

    public static List<String> configMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(maxLen(253));
        }
        if (!CONFIG_KEY.matcher(value).matches()) {
            errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY_FMT,
                    "key.name", "KEY_NAME", "key-name"));
        }
        if (value.equals(".")) {
            errs.add("must not be '.'");
        } else if (value.equals("..")) {
            errs.add("must not be '..'");
        } else if (value.startsWith("..")) {
            errs.add("must not start with '..'");
        }
        return errs;
    }

    /** IANA_SVC_NAME: container and service port names. */
    public static List<String> portName(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 15) {
            errs.add(maxLen(15));
        }
        if (!PORT_NAME_CHARS.matcher(value).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!PORT_NAME_LETTER.matcher(value).matches()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (value.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!value.isEmpty() && (value.charAt(0) == '-' || value.charAt(value.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    public static boolean validPort(long port) {
        return port >= 1 && port <= 65535;
    }

    public static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

    static String maxLen(int n) {
        return "must be no more than " + n + " characters";
    }

    /** Kubernetes' RegexError, including its double space before " or ". */
    static String regexError(String msg, String fmt, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                b.append(" or ");
            }
            b.append('\'').append(examples[i]).append("', ");
        }
        return b.append("regex used for validation is '").append(fmt).append("')").toString();
    }
}
