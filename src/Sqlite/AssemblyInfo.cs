using System.Runtime.Versioning;

// PTYs, /proc and signals: the terminal module runs on Linux only.
[assembly: SupportedOSPlatform("linux")]
