using System.Text.Json.Serialization;
using HoodyKit.Core.Health;

namespace HoodyKit.Core.Json;

[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(HealthMemory))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, bool>))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
