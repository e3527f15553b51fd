using System.Runtime.Versioning;

// hoodykit runs on Linux only (setsid, /proc, PTYs, signals).
[assembly: SupportedOSPlatform("linux")]
