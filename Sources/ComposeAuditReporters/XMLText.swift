/// Escapes text for XML attributes and content.
enum XMLText {
    static func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\n": output += "&#10;"
            case "\t", "\r": output += "&#\(scalar.value);"
            default:
                // Control characters are not allowed in XML 1.0.
                if scalar.value < 0x20 { output += "?" } else { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }
}
