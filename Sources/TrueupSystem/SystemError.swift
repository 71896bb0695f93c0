/// A system call that failed, with the errno it set.
package struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    package let code: Int32

    package init(code: Int32) { self.code = code }

    /// The C library's words for it, e.g. "No space left on device".
    package var description: String { Syscalls.message(code) }

    /// The reader of a pipe is gone (EPIPE).
    package var isBrokenPipe: Bool { code == Syscalls.brokenPipe }
    /// The name is taken (EEXIST).
    package var isExisting: Bool { code == Syscalls.exists }
    /// No such file or directory (ENOENT).
    package var isNotFound: Bool { code == Syscalls.notFound }
}
