namespace HoodyKit.Core.Modules;

/// <summary>Endpoint metadata: the module that owns the endpoint and how the host gates it.</summary>
/// <param name="Module">Owning module name.</param>
/// <param name="Anonymous">Answered without a token (health).</param>
/// <param name="AnswersWhenStopped">Answered while the module is switched off (health, metrics).</param>
public sealed record KitModuleMetadata(string Module, bool Anonymous = false, bool AnswersWhenStopped = false);
