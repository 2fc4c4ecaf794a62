import ComposeAuditCore
import Testing

@Suite("Byte search")
struct ByteSearchTests {
    @Test(arguments: [
        ("name: ${COMPOSE_PROJECT_NAME}-web", "COMPOSE_PROJECT_NAME", true),
        ("COMPOSE_PROJECT_NAME", "COMPOSE_PROJECT_NAME", true),
        ("x: COMPOSE_PROJECT_NAM", "COMPOSE_PROJECT_NAME", false),
        ("COMPOSE_COMPOSE_PROJECT_NAME!", "COMPOSE_PROJECT_NAME", true),
        ("", "A", false),
        ("abc", "", true),
        ("aab", "ab", true),
        ("ab", "abc", false),
    ])
    func findsTheNeedleAnywhere(_ haystack: String, _ needle: String, _ found: Bool) {
        #expect(Array(haystack.utf8).containsBytes(Array(needle.utf8)) == found)
    }
}
