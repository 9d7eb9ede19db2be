namespace Dashboard.Access.Users;

/// <summary>A user an admin is creating.</summary>
public sealed record NewUser(string UserName, string Role, string Password);
