using System.Runtime.Versioning;

// Built on Core, which targets Linux (/proc, signals): the pipe module runs on Linux only.
[assembly: SupportedOSPlatform("linux")]
