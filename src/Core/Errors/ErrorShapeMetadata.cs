namespace HoodyKit.Core.Errors;

/// <summary>Endpoint metadata naming the error family an endpoint answers in.</summary>
public sealed record ErrorShapeMetadata(ErrorShape Shape);
