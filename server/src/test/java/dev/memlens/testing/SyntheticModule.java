package dev.memlens.testing;

/**
 * Generated Python modules of a given length for scale measurements: the shape of the LSP bench's file (a def with
 * a mutable default every ten lines, list displays in between) plus what real modules also have — classes whose
 * methods store and mutate, module-level aliases, calls into the file's functions, loops and branches.
 */
public final class SyntheticModule {
    private SyntheticModule() {
    }

    public static String python(int lines) {
        StringBuilder sb = new StringBuilder("import copy\nimport os\nfrom collections import OrderedDict\n\n");
        int n = 4;
        int block = 0;
        while (n < lines) {
            int b = block++;
            switch (b % 5) {
                case 0 -> {
                    sb.append("def function_").append(b).append("(items, seen=[]):\n")
                            .append("    alias = items\n")
                            .append("    alias.append(len(seen))\n")
                            .append("    return {'k': alias, 'n': ").append(b).append("}\n");
                    n += 4;
                }
                case 1 -> {
                    sb.append("class Holder_").append(b).append(":\n")
                            .append("    shared = []\n")
                            .append("    def __init__(self, data):\n")
                            .append("        self.data = data\n")
                            .append("        self.count = 0\n")
                            .append("    def add(self, x):\n")
                            .append("        self.data.append(x)\n")
                            .append("        self.count += 1\n")
                            .append("        return self\n")
                            .append("    def snapshot(self):\n")
                            .append("        return list(self.data)\n");
                    n += 11;
                }
                case 2 -> {
                    sb.append("value_").append(b).append(" = [").append(b).append(", 'text', (1, 2)]\n")
                            .append("other_").append(b).append(" = value_").append(b).append("\n")
                            .append("table_").append(b).append(" = {'a': value_").append(b)
                            .append(", 'b': [1, 2]}\n")
                            .append("copied_").append(b).append(" = copy.copy(table_").append(b).append(")\n");
                    n += 4;
                }
                case 3 -> {
                    int fn = b - 3;
                    int cls = b - 2;
                    int val = b - 1;
                    sb.append("result_").append(b).append(" = function_").append(fn).append("(value_").append(val)
                            .append(")\n")
                            .append("holder_").append(b).append(" = Holder_").append(cls).append("(other_")
                            .append(val).append(")\n")
                            .append("holder_").append(b).append(".add(").append(b).append(")\n")
                            .append("snap_").append(b).append(" = holder_").append(b).append(".snapshot()\n");
                    n += 4;
                }
                default -> {
                    sb.append("for i_").append(b).append(" in range(3):\n")
                            .append("    if i_").append(b).append(" % 2:\n")
                            .append("        value_").append(b - 2).append(".append(i_").append(b).append(")\n")
                            .append("    else:\n")
                            .append("        pending_").append(b).append(" = [i_").append(b).append("]\n")
                            .append("names_").append(b).append(" = [x for x in value_").append(b - 2)
                            .append(" if x]\n");
                    n += 6;
                }
            }
        }
        return sb.toString();
    }
}
