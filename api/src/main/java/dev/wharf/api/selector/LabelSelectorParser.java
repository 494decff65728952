package dev.wharf.api.selector;

import dev.wharf.api.ApiException;
import dev.wharf.api.selector.LabelSelector.Requirement;
import dev.wharf.api.selector.LabelSelector.Requirement.Operator;
import dev.wharf.api.validation.Names;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' label selector grammar (k8s.io/apimachinery/pkg/labels), with its error wording. */
final class LabelSelectorParser {
    private enum Kind { IDENT, EQ, DOUBLE_EQ, NOT_EQ, NOT, OPEN, CLOSE, COMMA, GT, LT, IN, NOTIN, END }

    private record Token(Kind kind, String text) {
    }

    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    LabelSelectorParser(String input) {
        lex(input);
    }

    List<Requirement> parse() {
        List<Requirement> reqs = new ArrayList<>();
        while (true) {
            reqs.add(requirement());
            Token t = next();
            if (t.kind == Kind.END) {
                return reqs;
            }
            if (t.kind != Kind.COMMA) {
                throw error("found '" + t.text + "', expected: ',' or 'end of string'");
            }
            if (peek().kind == Kind.END) {
                throw error("found '', expected: identifier");
            }
        }
    }

    private Requirement requirement() {
        Token t = next();
        if (t.kind == Kind.NOT) {
            Token key = next();
            if (key.kind != Kind.IDENT) {
                throw error("found '" + key.text + "', expected: identifier after '!'");
            }
            return make(key.text, Operator.DOES_NOT_EXIST, List.of());
        }
        if (t.kind != Kind.IDENT) {
            throw error("found '" + t.text + "', expected: !, identifier, or 'end of string'");
        }
        String key = t.text;
        Token op = peek();
        if (op.kind == Kind.END || op.kind == Kind.COMMA) {
            return make(key, Operator.EXISTS, List.of());
        }
        next();
        return switch (op.kind) {
            case EQ, DOUBLE_EQ -> make(key, Operator.EQUALS, List.of(singleValue()));
            case NOT_EQ -> make(key, Operator.NOT_EQUALS, List.of(singleValue()));
            case GT -> make(key, Operator.GREATER_THAN, List.of(integer()));
            case LT -> make(key, Operator.LESS_THAN, List.of(integer()));
            case IN -> make(key, Operator.IN, set());
            case NOTIN -> make(key, Operator.NOT_IN, set());
            default -> throw error("found '" + op.text + "', expected: " + "'=', '!=', '==', 'in', notin'");
        };
    }

    private String singleValue() {
        Token v = peek();
        if (v.kind == Kind.IDENT || v.kind == Kind.IN || v.kind == Kind.NOTIN) {
            next();
            return v.text;
        }
        if (v.kind == Kind.END || v.kind == Kind.COMMA) {
            return "";
        }
        throw error("found '" + v.text + "', expected: identifier");
    }

    private String integer() {
        String v = singleValue();
        try {
            Long.parseLong(v);
            return v;
        } catch (NumberFormatException e) {
            throw error("for 'Gt', 'Lt' operators, the value must be an integer");
        }
    }

    private List<String> set() {
        Token open = next();
        if (open.kind != Kind.OPEN) {
            throw error("found '" + open.text + "', expected: '('");
        }
        List<String> values = new ArrayList<>();
        while (true) {
            Token v = next();
            if (v.kind == Kind.CLOSE && values.isEmpty()) {
                values.add("");
                return values;
            }
            if (v.kind == Kind.IDENT || v.kind == Kind.IN || v.kind == Kind.NOTIN) {
                values.add(v.text);
                v = next();
            } else if (v.kind == Kind.COMMA || v.kind == Kind.CLOSE) {
                values.add("");
            } else {
                throw error("found '" + v.text + "', expected: ',', ')' or identifier");
            }
            if (v.kind == Kind.CLOSE) {
                return values;
            }
            if (v.kind != Kind.COMMA) {
                throw error("found '" + v.text + "', expected: ',' or ')'");
            }
        }
    }

    private Requirement make(String key, Operator op, List<String> values) {
        List<String> keyErrors = Names.qualifiedName(key);
        if (!keyErrors.isEmpty()) {
            throw error("key: Invalid value: \"" + key + "\": " + keyErrors.get(0));
        }
        if (op != Operator.GREATER_THAN && op != Operator.LESS_THAN) {
            for (int i = 0; i < values.size(); i++) {
                List<String> valueErrors = Names.labelValue(values.get(i));
                if (!valueErrors.isEmpty()) {
                    throw error("values[" + i + "][" + key + "]: Invalid value: \"" + values.get(i) + "\": " + valueErrors.get(0));
                }
            }
        }
        return new Requirement(key, op, values);
    }

    private static ApiException error(String detail) {
        return ApiException.badRequest("unable to parse requirement: " + detail);
    }

    private Token next() {
        return tokens.get(Math.min(pos++, tokens.size() - 1));
    }

    private Token peek() {
        return tokens.get(Math.min(pos, tokens.size() - 1));
    }

    private void lex(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '=' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                tokens.add(new Token(Kind.DOUBLE_EQ, "=="));
                i += 2;
            } else if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                tokens.add(new Token(Kind.NOT_EQ, "!="));
                i += 2;
            } else if ("=!(),<>".indexOf(c) >= 0) {
                Kind k = switch (c) {
                    case '=' -> Kind.EQ;
                    case '!' -> Kind.NOT;
                    case '(' -> Kind.OPEN;
                    case ')' -> Kind.CLOSE;
                    case ',' -> Kind.COMMA;
                    case '<' -> Kind.LT;
                    default -> Kind.GT;
                };
                tokens.add(new Token(k, String.valueOf(c)));
                i++;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "=!(),<>".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                String word = s.substring(start, i);
                Kind k = word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOTIN : Kind.IDENT;
                tokens.add(new Token(k, word));
            }
        }
        tokens.add(new Token(Kind.END, ""));
    }
}
