using Microsoft.AspNetCore.Builder;

namespace HoodyKit.Core.Errors;

public static class ErrorShapeExtensions
{
    /// <summary>Declares once, on a route group or endpoint, which error family its errors use.</summary>
    public static TBuilder WithErrorShape<TBuilder>(this TBuilder builder, ErrorShape shape)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorShapeMetadata(shape));
}
