using Offboarding.Functions.Hosting;

// One app, two drivers: see Hosting/FunctionHostingExtensions and the README's "Runtime model".
var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionHosting();
var app = builder.Build();
app.MapFunctions();
app.Run();
