using System.Runtime.InteropServices;

namespace HoodyKit.Core.Native.Spawning;

/// <summary>
/// Starts children with <c>posix_spawn</c> (no fork from managed code, no <see cref="System.Diagnostics.Process"/>
/// and its per-child stream buffers): descriptors as the request says, every signal back to its default with an
/// empty mask (the runtime ignores SIGPIPE; a child must not inherit that), optionally a new session.
/// </summary>
public static unsafe class ProcessSpawner
{
    /// <summary>Starts the child and returns its pid; throws <see cref="SpawnException"/> when it cannot.</summary>
    public static int Spawn(SpawnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actions = NativeMemory.AllocZeroed(SpawnNative.OpaqueSize);
        var attr = NativeMemory.AllocZeroed(SpawnNative.OpaqueSize);
        var defaults = NativeMemory.AllocZeroed(SpawnNative.OpaqueSize);
        var mask = NativeMemory.AllocZeroed(SpawnNative.OpaqueSize);
        var environment = request.Environment.Select(e => $"{e.Key}={e.Value}").ToList();
        var argv = ToNative(request.Argv);
        var envp = ToNative(environment);
        try
        {
            Check(SpawnNative.FileActionsInit(actions), "posix_spawn_file_actions_init");
            foreach (var fd in request.Fds)
            {
                var rc = fd switch
                {
                    SpawnOpen open => SpawnNative.FileActionsAddOpen(actions, open.Fd, open.Path, open.Flags, 0),
                    SpawnDup dup => SpawnNative.FileActionsAddDup2(actions, dup.Source, dup.Fd),
                    _ => throw new ArgumentException($"unknown descriptor action {fd}", nameof(request)),
                };
                Check(rc, "posix_spawn_file_actions");
            }

            Check(SpawnNative.FileActionsAddChdir(actions, request.WorkingDirectory), "posix_spawn_file_actions_addchdir_np");
            Check(SpawnNative.AttrInit(attr), "posix_spawnattr_init");
            Check(SpawnNative.SigFillSet(defaults), "sigfillset");
            Check(SpawnNative.SigEmptySet(mask), "sigemptyset");
            Check(SpawnNative.AttrSetSigDefault(attr, defaults), "posix_spawnattr_setsigdefault");
            Check(SpawnNative.AttrSetSigMask(attr, mask), "posix_spawnattr_setsigmask");
            var flags = (short)(SpawnNative.POSIX_SPAWN_SETSIGDEF | SpawnNative.POSIX_SPAWN_SETSIGMASK);
            if (request.NewSession) flags |= SpawnNative.POSIX_SPAWN_SETSID;
            Check(SpawnNative.AttrSetFlags(attr, flags), "posix_spawnattr_setflags");
            int pid;
            var error = SpawnNative.PosixSpawn(&pid, request.Path, actions, attr, argv, envp);
            if (error != 0) throw new SpawnException($"cannot start '{request.Argv[0]}': {Marshal.GetPInvokeErrorMessage(error)}");
            return pid;
        }
        finally
        {
            _ = SpawnNative.FileActionsDestroy(actions);
            _ = SpawnNative.AttrDestroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(defaults);
            NativeMemory.Free(mask);
            FreeNative(argv, request.Argv.Count);
            FreeNative(envp, environment.Count);
        }
    }

    /// <summary>
    /// Where <c>execvp</c> would find <paramref name="file"/> on <paramref name="searchPath"/> (the child's PATH):
    /// a name with a slash is used as it is; null when no executable file of that name is found.
    /// </summary>
    public static string? FindExecutable(string file, string? searchPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (file.Contains('/', StringComparison.Ordinal)) return file;
        foreach (var dir in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, file);
            if (IsExecutableFile(candidate)) return candidate;
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var info = new FileInfo(path);
        return info.Exists && (info.UnixFileMode & anyExecute) != 0;
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw new SpawnException($"{what} failed ({Marshal.GetPInvokeErrorMessage(rc)})");
    }

    private static byte** ToNative(IReadOnlyList<string> strings)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(strings.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < strings.Count; i++) array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(strings[i]);
        return array;
    }

    private static void FreeNative(byte** array, int count)
    {
        for (var i = 0; i < count; i++) Marshal.FreeCoTaskMem((nint)array[i]);
        NativeMemory.Free(array);
    }
}
