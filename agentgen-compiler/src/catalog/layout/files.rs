//! Reading the files a [`Plan`](super::Plan) lists, as Claude Code reads them: an agent file
//! (a project's or a plugin's), a `SKILL.md`, a command file. Each takes the file's bytes from an
//! editor's buffer when the caller has one (`agentgen lsp` keeps unsaved buffers), else from
//! the disk; a file over Claude Code's size limit, or one that cannot be read, is a file Claude
//! Code does not load, with the diagnostic that says why. One reader for the build and the
//! editor, so that both say the same of the same text.

use std::borrow::Cow;
use std::path::Path;

use super::{AgentSource, Command, SkillSource};
use crate::diagnostic::{Code, Diagnostic};
use crate::read::skill::{file_too_large, skill_not_loaded};
use crate::read::{self, AgentFile, SkillFile, SkillKind};
use crate::registry::MAX_FILE_BYTES;

/// A file's bytes: the buffer's when given, else the file's on disk; the size when it is over
/// `limit`.
enum Loaded<'a> {
    Bytes(Cow<'a, [u8]>),
    TooLarge(u64),
    Unreadable(std::io::Error),
}

fn load<'a>(path: &Path, buffer: Option<&'a [u8]>, limit: u64) -> Loaded<'a> {
    if let Some(bytes) = buffer {
        let size = bytes.len() as u64;
        return if size > limit {
            Loaded::TooLarge(size)
        } else {
            Loaded::Bytes(Cow::Borrowed(bytes))
        };
    }
    // One open, one size look-up on the open file, one read (the catalog reads a thousand
    // files: each system call saved per file shows in `check`'s time).
    let read = || -> std::io::Result<Loaded<'a>> {
        let mut file = std::fs::File::open(path)?;
        let size = file.metadata()?.len();
        if size > limit {
            return Ok(Loaded::TooLarge(size));
        }
        let capacity = usize::try_from(size).unwrap_or(0);
        let mut bytes = Vec::with_capacity(capacity);
        // Through `take` with the size looked up: once it is read, `take` answers the end
        // itself, without the last read `read_to_end` makes to find it (a system call a file).
        // A file that grew since is read to that size. A size of 0 may be a file system's way
        // of not knowing it: such a file is read to its end (up to the limit).
        let expected = if size == 0 { limit } else { size };
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, expected), &mut bytes)?;
        Ok(Loaded::Bytes(Cow::Owned(bytes)))
    };
    read().unwrap_or_else(Loaded::Unreadable)
}

/// An agent file of the plan (a plugin's read as Claude Code reads plugin agents), from
/// `buffer` or the disk. A file that cannot be read is an empty file Claude Code does not load,
/// and the `unreadable-file` diagnostic, which belongs to the catalog (the second value).
pub fn read_agent_source(
    source: &AgentSource,
    buffer: Option<&[u8]>,
) -> (AgentFile, Option<Diagnostic>) {
    match load(&source.path, buffer, MAX_FILE_BYTES) {
        Loaded::Bytes(bytes) => {
            let plugin = source.plugin.as_deref();
            let plugin = plugin.map(|plugin| (plugin, source.file_name.as_str()));
            let file = read::read_agent_bytes(&source.display, bytes, plugin);
            (file, None)
        }
        Loaded::TooLarge(size) => (read::too_large(&source.display, size), None),
        Loaded::Unreadable(e) => {
            let diagnostic = Diagnostic::new(
                Code::UnreadableFile,
                &source.display,
                format!("cannot read agent file: {e}"),
            );
            let mut file = read::too_large(&source.display, 0);
            file.diagnostics.clear();
            (file, Some(diagnostic))
        }
    }
}

/// A `SKILL.md` of the plan, from `buffer` or the disk.
pub fn read_skill_source(source: &SkillSource, buffer: Option<&[u8]>) -> SkillFile {
    let (display, folder) = (source.display.as_str(), source.folder.as_str());
    match load(&source.path, buffer, SkillKind::Skill.max_bytes()) {
        Loaded::Bytes(bytes) => read::read_skill(display, folder, &bytes),
        Loaded::TooLarge(size) => file_too_large(display, folder, size, SkillKind::Skill),
        Loaded::Unreadable(e) => skill_not_loaded(
            display,
            folder,
            Diagnostic::new(
                Code::UnreadableFile,
                display,
                format!("cannot read skill file: {e}"),
            ),
        ),
    }
}

/// A command file of the plan (a skill file of kind `ProjectCommand` or `PluginCommand`), from
/// `buffer` or the disk.
pub fn read_command_source(command: &Command, buffer: Option<&[u8]>) -> SkillFile {
    let local = match &command.plugin {
        Some(plugin) => command
            .name
            .strip_prefix(&format!("{plugin}:"))
            .unwrap_or(&command.name),
        None => &command.name,
    };
    let plugin = command.plugin.is_some();
    let kind = if plugin {
        SkillKind::PluginCommand
    } else {
        SkillKind::ProjectCommand
    };
    let display = command.display.as_str();
    match load(&command.path, buffer, kind.max_bytes()) {
        Loaded::Bytes(bytes) => read::read_command(display, local, &bytes, plugin),
        Loaded::TooLarge(size) => file_too_large(display, local, size, kind),
        Loaded::Unreadable(e) => {
            let mut file = skill_not_loaded(
                display,
                local,
                Diagnostic::new(
                    Code::UnreadableFile,
                    display,
                    format!("cannot read command file: {e}"),
                ),
            );
            file.kind = kind;
            file
        }
    }
}
