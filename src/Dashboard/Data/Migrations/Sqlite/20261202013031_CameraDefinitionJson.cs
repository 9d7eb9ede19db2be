using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CameraDefinitionJson : Migration
    {
        private static readonly string[] OldColumns = ["AlwaysOn", "Arguments", "Command", "Device", "DeviceProperties", "Enabled", "File", "Folder", "Fps", "Height", "JpegQuality", "Kind", "Loop", "Name", "Password", "Url", "UserName", "Width", "Image"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every setting moves into one JSON value, written as CameraJson writes it (camelCase, enums by name).
            migrationBuilder.AddColumn<string>(
                name: "Definition",
                table: "Cameras",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "Cameras" SET "Definition" = json_object(
                    'id', "Id",
                    'name', "Name",
                    'kind', "Kind",
                    'width', "Width",
                    'height', "Height",
                    'fps', "Fps",
                    'jpegQuality', "JpegQuality",
                    'alwaysOn', json(CASE WHEN "AlwaysOn" THEN 'true' ELSE 'false' END),
                    'enabled', json(CASE WHEN "Enabled" THEN 'true' ELSE 'false' END),
                    'image', json("Image"),
                    'deviceProperties', json("DeviceProperties"),
                    'folder', "Folder",
                    'device', "Device",
                    'file', "File",
                    'url', "Url",
                    'loop', json(CASE WHEN "Loop" THEN 'true' ELSE 'false' END),
                    'command', "Command",
                    'arguments', json("Arguments"),
                    'userName', "UserName",
                    'password', "Password");
                """);

            // SQLite drops the columns in place (no table rebuild), after their values moved into the definition.
            foreach (var column in OldColumns)
            {
                migrationBuilder.Sql($"ALTER TABLE \"Cameras\" DROP COLUMN \"{column}\";");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AlwaysOn",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Arguments",
                table: "Cameras",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Command",
                table: "Cameras",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Device",
                table: "Cameras",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeviceProperties",
                table: "Cameras",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Enabled",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "File",
                table: "Cameras",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Folder",
                table: "Cameras",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Fps",
                table: "Cameras",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "Height",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "JpegQuality",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Cameras",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Loop",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Cameras",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Password",
                table: "Cameras",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Url",
                table: "Cameras",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserName",
                table: "Cameras",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Width",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Image",
                table: "Cameras",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "Cameras" SET
                    "Name" = json_extract("Definition", '$.name'),
                    "Kind" = json_extract("Definition", '$.kind'),
                    "Width" = json_extract("Definition", '$.width'),
                    "Height" = json_extract("Definition", '$.height'),
                    "Fps" = json_extract("Definition", '$.fps'),
                    "JpegQuality" = json_extract("Definition", '$.jpegQuality'),
                    "AlwaysOn" = json_extract("Definition", '$.alwaysOn'),
                    "Enabled" = json_extract("Definition", '$.enabled'),
                    "Image" = json_extract("Definition", '$.image'),
                    "DeviceProperties" = json_extract("Definition", '$.deviceProperties'),
                    "Folder" = json_extract("Definition", '$.folder'),
                    "Device" = json_extract("Definition", '$.device'),
                    "File" = json_extract("Definition", '$.file'),
                    "Url" = json_extract("Definition", '$.url'),
                    "Loop" = json_extract("Definition", '$.loop'),
                    "Command" = json_extract("Definition", '$.command'),
                    "Arguments" = json_extract("Definition", '$.arguments'),
                    "UserName" = json_extract("Definition", '$.userName'),
                    "Password" = json_extract("Definition", '$.password');
                """);

            migrationBuilder.DropColumn(
                name: "Definition",
                table: "Cameras");
        }
    }
}
