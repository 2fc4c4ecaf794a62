/// What a finding about a file loaded on its own adds when that file reads as a fragment for `-f`: the finding
/// is true of the file alone (Compose refuses it), and says nothing of the file added to its main file.
enum FragmentNote {
    static let text = " when this file is loaded alone; if it is meant to be added to a main file (`-f main.yml -f this.yml`), check them together"
}
