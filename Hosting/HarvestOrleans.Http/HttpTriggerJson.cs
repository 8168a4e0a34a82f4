using System.Text.Json;
using System.Text.Json.Serialization;

namespace HarvestOrleans.Http;

/// <summary>
/// The bodies the trigger writes on every call (records and refusals), serialized by generated code rather than
/// reflection: the same shape as the trigger's <c>JsonOptions</c> give (web defaults, enums by name), without a
/// serializer stack per response. The operator's views (cluster, history) stay on the options' reflection path.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HttpInvocationRecord))]
[JsonSerializable(typeof(HttpAsyncInvocation))]
[JsonSerializable(typeof(HttpError))]
internal sealed partial class HttpTriggerJson : JsonSerializerContext;
