//! Documents' `file://` URIs and the paths the engine knows them by. The server compiles every
//! catalog with its root's absolute path as the display root, so a display path in a catalog
//! (a diagnostic's file, [`SourceFile::display_path`](agentgen_compiler::source::SourceFile))
//! is the file's absolute path: [`uri_of_display`] turns it into the URI an editor opened.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The file a `file://` URI names; `None` for another scheme (`untitled:`) or a URI that is not
/// an absolute file path.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    url.to_file_path().ok()
}

/// The `file://` URI of an absolute path; `None` for a relative one.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    Uri::from_str(url.as_str()).ok()
}

/// The `file://` URI of a display path of a catalog the server compiled (an absolute path);
/// `None` for an empty or relative one (a catalog-wide diagnostic).
pub fn uri_of_display(display: &str) -> Option<Uri> {
    uri_of(Path::new(display))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_uris_round_trip() {
        let path = Path::new("/tmp/a b/.claude/agents/é.md");
        let uri = uri_of(path).expect("an absolute path");
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/.claude/agents/%C3%A9.md");
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        assert_eq!(uri_of_display("agents/a.md"), None);
        assert_eq!(uri_of_display(""), None);
        let untitled = Uri::from_str("untitled:Untitled-1").expect("a URI");
        assert_eq!(path_of(&untitled), None);
    }
}
