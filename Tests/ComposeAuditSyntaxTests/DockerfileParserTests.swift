import ComposeAuditCore
@testable import ComposeAuditSyntax
import Testing

@Suite("Dockerfile parser")
struct DockerfileParserTests {
    func parse(_ file: String) throws -> Dockerfile {
        try DockerfileParser.parse(TestPaths.edgeSource("dockerfile/" + file))
    }

    func lines(_ dockerfile: Dockerfile) -> [String] {
        dockerfile.instructions.map { instruction in
            let start = dockerfile.source.lineColumn(at: instruction.range.start).line
            let end = dockerfile.source.lineColumn(at: instruction.range.end).line
            return "\(instruction.keyword) \(start)-\(end)"
        }
    }

    @Test func heredocBodiesAreNotInstructions() throws {
        let dockerfile = try parse("d01-heredocs.Dockerfile")
        #expect(lines(dockerfile) == ["FROM 3-3", "RUN 4-7", "RUN 8-10", "RUN 11-13", "COPY 14-18", "RUN 19-21", "COPY 22-27", "CMD 28-28"])
        #expect(dockerfile.instructions[4].heredocs.map(\.body) == ["first file\n", "second file\n"])
        #expect(dockerfile.instructions[2].heredocs.first?.body == "\techo \"leading tabs are stripped with <<-\"\n")
        #expect(dockerfile.instructions[2].heredocs.first?.effectiveBody == "echo \"leading tabs are stripped with <<-\"\n")
        #expect(dockerfile.directives["syntax"] == "docker/dockerfile:1")
    }

    @Test func buildKitViewOfEveryInstructionForm() throws {
        let source = SourceFile(path: "Dockerfile", text: """
            FROM --platform=$BUILDPLATFORM golang:1.22 AS build
            ENV A=1 B="2 3" C=a\\ b
            ENV LEGACY value with  spaces
            LABEL "com.example.x"="y z"
            ARG V=1 W
            COPY --from=build --chown="app:app" /out /bin/
            COPY ["a b", "/c"]
            RUN -- echo not-a-flag
            HEALTHCHECK --interval=5s CMD ["curl", "-f", "x"]
            ONBUILD RUN --mount=type=cache,target=/c make
            EXPOSE 80/tcp  443
            FOO bar
            """)
        let views = try DockerfileParser.parse(source).instructions.map(\.buildKitView)
        #expect(views[0].flags == ["--platform=$BUILDPLATFORM"] && views[0].values == ["golang:1.22", "AS", "build"])
        #expect(views[1].values == ["A", "1", "B", "\"2 3\"", "C", "a\\ b"])
        #expect(views[2].values == ["LEGACY", "value with  spaces"])
        #expect(views[3].values == ["\"com.example.x\"", "\"y z\""])
        #expect(views[4].values == ["V=1", "W"])
        #expect(views[5].flags == ["--from=build", "--chown=app:app"] && views[5].values == ["/out", "/bin/"])
        #expect(views[6].values == ["a b", "/c"] && views[6].isJSON)
        #expect(views[7].flags.isEmpty && views[7].values == ["echo not-a-flag"])
        #expect(views[8].values == ["CMD", "curl", "-f", "x"] && views[8].isJSON)
        #expect(views[9].subKeyword == "RUN" && views[9].flags.isEmpty && views[9].values == ["make"])
        #expect(views[10].values == ["80/tcp", "443"])
        #expect(views[11].values == [""])
    }

    @Test func flagAndArgumentRangesPointIntoTheFile() throws {
        let source = SourceFile(path: "Dockerfile", text: """
            FROM alpine:3.20 AS base
            COPY \\
                --chown=app:app \\
                src/ /app/
            CMD ["python", "-m", "app"]
            """)
        let instructions = try DockerfileParser.parse(source).instructions
        func texts(_ ranges: [TextRange]) -> [String] { ranges.map { source.text(in: $0) } }
        #expect(texts(instructions[0].argumentRanges) == ["alpine:3.20", "AS", "base"])
        #expect(texts(instructions[1].flags.map(\.range)) == ["--chown=app:app"])
        #expect(texts(instructions[1].argumentRanges) == ["src/", "/app/"])
        #expect(texts(instructions[2].argumentRanges) == ["\"python\"", "\"-m\"", "\"app\""])
    }

    @Test func argumentsExpandWithStageScoping() throws {
        let source = SourceFile(path: "Dockerfile", text: """
            ARG BASE=alpine:3.20
            ARG APP_USER=app
            FROM $BASE AS build
            USER $APP_USER
            ARG APP_USER
            ENV HOME_DIR=/home/${APP_USER}
            WORKDIR ${HOME_DIR}/src
            USER ${APP_USER:-nobody}
            LABEL tier=${TIER:-web} debug=${DEBUG:+yes}
            RUN echo $APP_USER
            """)
        let instructions = try DockerfileParser.parse(source).instructions
        #expect(instructions[2].expandedArguments == "alpine:3.20 AS build")
        #expect(instructions[3].expandedArguments == "")  // a global ARG is not visible until the stage redeclares it
        #expect(instructions[6].expandedWords == ["/home/app/src"])
        #expect(instructions[7].expandedWords == ["app"])
        #expect(instructions[8].expandedArguments == "tier=web debug=")
        #expect(instructions[9].expandedArguments == nil)  // RUN is expanded by the shell, not the build
    }

    @Test func backtickEscapeDirective() throws {
        let dockerfile = try parse("d02-escape-backtick.Dockerfile")
        #expect(dockerfile.escapeCharacter == UInt8(ascii: "`"))
        let copy = try #require(dockerfile.instructions.first { $0.keyword == "COPY" })
        #expect(copy.words == ["app\\", "C:\\app\\"])
        let cmd = try #require(dockerfile.instructions.last { $0.keyword == "CMD" })
        #expect(cmd.execForm == ["C:\\app\\run.exe"])
    }

    @Test func escapeDirectiveAfterACommentIsIgnored() throws {
        let dockerfile = try parse("d03-escape-directive-too-late.Dockerfile")
        #expect(dockerfile.escapeCharacter == UInt8(ascii: "\\"))
        #expect(lines(dockerfile) == ["FROM 3-3", "RUN 4-4", "RUN 5-6"])
    }

    @Test func continuationsDropCommentsAndEmptyLines() throws {
        let dockerfile = try parse("d04-continuations.Dockerfile")
        #expect(lines(dockerfile) == ["FROM 2-2", "RUN 3-9", "RUN 10-11", "ENV 12-13", "RUN 14-14"])
        let run = dockerfile.instructions[1]
        #expect(run.words.prefix(7) == ["apt-get", "update", "&&", "apt-get", "install", "-y", "curl"])
        #expect(!run.arguments.contains("comment"))
        #expect(KeyValueWords.pairs(dockerfile.instructions[3].arguments).map { "\($0.0)=\($0.1)" } == ["A=1", "B=2"])
    }

    @Test func execFormFallsBackToShellFormOnInvalidJSON() throws {
        let dockerfile = try parse("d05-json-vs-shell.Dockerfile")
        let byLine = Dictionary(uniqueKeysWithValues: dockerfile.instructions.map {
            (dockerfile.source.lineColumn(at: $0.range.start).line, $0)
        })
        #expect(byLine[6]?.execForm == nil)
        #expect(byLine[7]?.execForm == nil)
        #expect(byLine[8]?.execForm?.first == "escaped \"quote\"")
        #expect(byLine[9]?.execForm == [])
        #expect(dockerfile.instructions.filter { $0.keyword == "CMD" }.count == 6)
        #expect(dockerfile.instructions.filter { $0.keyword == "ENTRYPOINT" }.count == 2)
    }

    @Test func stagesAreCaseInsensitiveAndTheLastIsTheDefaultTarget() throws {
        let dockerfile = try parse("d08-multistage.Dockerfile")
        #expect(dockerfile.stage(named: "build") != nil)
        #expect(dockerfile.stage(target: nil)?.name == "unused")
        let copy = try #require(dockerfile.instructions.first { $0.flag("from")?.value == "build" })
        #expect(copy.flag("from")?.range.length == "--from=build".utf8.count)
    }

    @Test func globalArgumentsExpandInFrom() throws {
        let dockerfile = try parse("d10-arg-before-from.Dockerfile")
        #expect(dockerfile.stages.first?.baseImage == "docker.io/library/alpine:3.20")
    }

    @Test func byteOrderMarkBeforeDirective() throws {
        let dockerfile = try parse("d12-bom.Dockerfile")
        #expect(dockerfile.directives["syntax"] != nil)
        #expect(lines(dockerfile).first == "FROM 3-3")
    }

    @Test func keywordsAreCaseInsensitiveAndTrimmed() throws {
        let dockerfile = try parse("d13-lowercase-spacing.Dockerfile")
        #expect(dockerfile.stages.first?.name == "builder")
        #expect(dockerfile.instructions.first { $0.keyword == "WORKDIR" }?.arguments == "/src")
    }

    @Test(arguments: [
        ("d14-empty.Dockerfile", 1, "file with no instructions"),
        ("d15-comments-only.Dockerfile", 1, "file with no instructions"),
        ("d20-heredoc-unterminated.Dockerfile", 3, "unterminated heredoc"),
        ("d22-directive-duplicate.Dockerfile", 2, "only one syntax parser directive"),
        ("d25-line-too-long.Dockerfile", 3, "max allowed size"),
    ])
    func invalidDockerfilesReportTheirLine(_ file: String, _ line: Int, _ reason: String) throws {
        let error = #expect(throws: InputError.self) { try parse(file) }
        #expect(error?.position.line == line, "\(error?.description ?? "")")
        #expect(error?.reason.contains(reason) == true)
    }

    @Test(arguments: ["d06-onbuild.Dockerfile", "d07-onbuild-invalid.Dockerfile", "d09-duplicate-stage.Dockerfile",
                      "d11-crlf.Dockerfile", "d16-unknown-instruction.Dockerfile", "d17-instruction-before-from.Dockerfile",
                      "d18-env-label-quoting.Dockerfile", "d19-long-line-ok.Dockerfile", "d21-directive-variants.Dockerfile",
                      "d23-non-utf8.Dockerfile", "d24-misc-forms.Dockerfile"])
    func awkwardButValidDockerfilesParse(_ file: String) throws {
        #expect(try !parse(file).instructions.isEmpty)
    }

    @Test func crlfParsesLikeLF() throws {
        let dockerfile = try parse("d11-crlf.Dockerfile")
        #expect(dockerfile.instructions.allSatisfy { !$0.arguments.contains("\r") })
    }

    @Test func envPairsFollowDockerQuoting() throws {
        let dockerfile = try parse("d18-env-label-quoting.Dockerfile")
        let envs = dockerfile.instructions.filter { $0.keyword == "ENV" }.flatMap { KeyValueWords.pairs($0.arguments) }
        let values = Dictionary(envs, uniquingKeysWith: { _, last in last })
        #expect(values["LEGACY"] == "value with spaces")
        #expect(values["B"] == "two words")
        #expect(values["C"] == "three words")
        #expect(values["D"] == "single $NOT_EXPANDED")
    }
}
