//! Writing a fixed file in place, atomically.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed to disk,
/// then renamed over `path`, so readers see the old or the new file, never a part. A symbolic
/// link is followed (its target is replaced, the link stays); the target's permissions are kept.
/// On error the temporary file is removed and `path` is unchanged.
///
/// # Errors
///
/// Any I/O error creating, writing, syncing or renaming the temporary file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "agent".to_owned());
    let permissions = fs::metadata(&target).ok().map(|m| m.permissions());
    let (temp_path, mut temp) = create_temp(&dir, &file_name)?;
    let written = (|| {
        temp.write_all(bytes)?;
        if let Some(permissions) = permissions {
            temp.set_permissions(permissions)?;
        }
        temp.sync_all()?;
        drop(temp);
        fs::rename(&temp_path, &target)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temp_path);
        return Err(error);
    }
    // Make the rename itself durable where directories can be synced (not on Windows).
    if let Ok(dir_handle) = fs::File::open(&dir) {
        let _ = dir_handle.sync_all();
    }
    Ok(())
}

/// Creates a new, unique temporary file `.<name>.<pid>.<n>.agentgen-tmp` in `dir`.
fn create_temp(dir: &Path, file_name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let candidate = dir.join(format!(".{file_name}.{pid}.{attempt}.agentgen-tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomically_replaces_and_leaves_no_temp_files() {
        let dir = std::env::temp_dir().join(format!("agentgen-fix-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("agent.md");
        fs::write(&path, b"old").expect("write");
        write_atomically(&path, b"new content").expect("atomic write");
        assert_eq!(fs::read(&path).expect("read"), b"new content");
        let names: Vec<_> = fs::read_dir(&dir)
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("agent.md")]);
        let _ = fs::remove_dir_all(&dir);
    }
}
