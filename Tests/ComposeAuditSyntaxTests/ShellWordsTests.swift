import Testing
@testable import ComposeAuditSyntax

@Suite("Shell words")
struct ShellWordsTests {
    @Test(arguments: [
        ("", []),
        ("  gunicorn  -w 4\tapp:app \n", ["gunicorn", "-w", "4", "app:app"]),
        (#"sh -c "echo 'hi there' && exit""#, ["sh", "-c", "echo 'hi there' && exit"]),
        (#"echo 'a "b" c' d"#, ["echo", #"a "b" c"#, "d"]),
        (#"echo a\ b "c\"d" 'e\f'"#, ["echo", "a b", #"c"d"#, #"e\f"#]),
        ("echo ''", ["echo", ""]),
        ("echo héllo wörld ✓", ["echo", "héllo", "wörld", "✓"]),
        ("echo \\é", ["echo", "é"]),
        ("a\r\nb", ["a", "b"]),
    ] as [(String, [String])])
    func splitsLikeSh(_ line: String, _ words: [String]) {
        #expect(ShellWords.split(line) == words)
    }

    @Test func backtickEscapeOfWindowsDockerfiles() {
        #expect(ShellWords.split(#"copy C:\app\ `"two words`""#, escape: "`") == ["copy", #"C:\app\"#, #""two"#, #"words""#])
        #expect(ShellWords.split("a` b", escape: "`") == ["a b"])
    }
}
