/// A unified diff (`diff -u` style, 3 lines of context) between two texts, lines compared exactly.
public enum UnifiedDiff {
    enum Operation: Equatable { case same, delete, insert }

    /// Splits keeping line terminators, so CRLF and a missing final newline show up as changes.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(String(decoding: bytes[start...index], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }

    /// Myers' O(ND) shortest edit script as a list of operations.
    static func script(_ old: [String], _ new: [String]) -> [Operation] {
        let n = old.count
        let m = new.count
        let maximum = n + m
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        outer: for depth in 0...maximum {
            trace.append(frontier)
            for diagonal in stride(from: -depth, through: depth, by: 2) {
                let index = diagonal + maximum
                var x = diagonal == -depth || (diagonal != depth && frontier[index - 1] < frontier[index + 1])
                    ? frontier[index + 1] : frontier[index - 1] + 1
                var y = x - diagonal
                while x < n && y < m && old[x] == new[y] { x += 1; y += 1 }
                frontier[index] = x
                if x >= n && y >= m { trace.append(frontier); break outer }
            }
        }
        var operations: [Operation] = []
        var x = n
        var y = m
        for depth in stride(from: trace.count - 2, through: 0, by: -1) {
            let previous = trace[depth]
            let diagonal = x - y
            let index = diagonal + maximum
            let down = diagonal == -depth || (diagonal != depth && previous[index - 1] < previous[index + 1])
            let previousDiagonal = down ? diagonal + 1 : diagonal - 1
            let previousX = previous[previousDiagonal + maximum]
            let previousY = previousX - previousDiagonal
            while x > previousX && y > previousY {
                operations.append(.same)
                x -= 1
                y -= 1
            }
            if depth > 0 { operations.append(down ? .insert : .delete) }
            x = previousX
            y = previousY
        }
        while x > 0 && y > 0 { operations.append(.same); x -= 1; y -= 1 }
        return operations.reversed()
    }

    public static func render(oldPath: String, newPath: String, old: [UInt8]?, new: [UInt8], style: TerminalStyle = .plain) -> String {
        let before = old.map(lines) ?? []
        let after = lines(new)
        let operations = script(before, after)
        var rows: [(Operation, String, Int, Int)] = []
        var oldLine = 0
        var newLine = 0
        for operation in operations {
            switch operation {
            case .same: rows.append((.same, before[oldLine], oldLine, newLine)); oldLine += 1; newLine += 1
            case .delete: rows.append((.delete, before[oldLine], oldLine, newLine)); oldLine += 1
            case .insert: rows.append((.insert, after[newLine], oldLine, newLine)); newLine += 1
            }
        }
        var output = style.bold("--- " + (old == nil ? "/dev/null" : "a/" + oldPath)) + "\n"
            + style.bold("+++ b/" + newPath) + "\n"
        let changed = rows.indices.filter { rows[$0].0 != .same }
        var index = 0
        while index < changed.count {
            let first = max(0, changed[index] - 3)
            var last = min(rows.count - 1, changed[index] + 3)
            var next = index + 1
            while next < changed.count && changed[next] - 3 <= last + 1 {
                last = min(rows.count - 1, changed[next] + 3)
                next += 1
            }
            let hunk = rows[first...last]
            let oldCount = hunk.filter { $0.0 != .insert }.count
            let newCount = hunk.filter { $0.0 != .delete }.count
            let oldStart = oldCount == 0 ? hunk.first!.2 : hunk.first!.2 + 1
            let newStart = newCount == 0 ? hunk.first!.3 : hunk.first!.3 + 1
            output += style.apply("36", "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@") + "\n"
            for (operation, text, _, _) in hunk {
                let marker = operation == .same ? " " : operation == .delete ? "-" : "+"
                var line = marker + text
                let missingNewline = !line.hasSuffix("\n")
                if missingNewline { line += "\n" }
                switch operation {
                case .same: output += line
                case .delete: output += style.apply("31", String(line.dropLast())) + "\n"
                case .insert: output += style.apply("32", String(line.dropLast())) + "\n"
                }
                if missingNewline { output += "\\ No newline at end of file\n" }
            }
            index = next
        }
        return output
    }
}
