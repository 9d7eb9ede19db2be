using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "Cameras" SET "Definition" = json_build_object(
                    'id', "Id",
                    'name', "Name",
                    'kind', "Kind",
                    'width', "Width",
                    'height', "Height",
                    'fps', "Fps",
                    'jpegQuality', "JpegQuality",
                    'alwaysOn', "AlwaysOn",
                    'enabled', "Enabled",
                    'image', "Image"::json,
                    'deviceProperties', "DeviceProperties"::json,
                    'folder', "Folder",
                    'device', "Device",
                    'file', "File",
                    'url', "Url",
                    'loop', "Loop",
                    'command', "Command",
                    'arguments', "Arguments"::json,
                    'userName', "UserName",
                    'password', "Password")::text;
                """);

            foreach (var column in OldColumns)
            {
                migrationBuilder.DropColumn(name: column, table: "Cameras");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AlwaysOn",
                table: "Cameras",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Arguments",
                table: "Cameras",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Command",
                table: "Cameras",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Device",
                table: "Cameras",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeviceProperties",
                table: "Cameras",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Enabled",
                table: "Cameras",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "File",
                table: "Cameras",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Folder",
                table: "Cameras",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Fps",
                table: "Cameras",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "Height",
                table: "Cameras",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "JpegQuality",
                table: "Cameras",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Cameras",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Loop",
                table: "Cameras",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Cameras",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Password",
                table: "Cameras",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Url",
                table: "Cameras",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserName",
                table: "Cameras",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Width",
                table: "Cameras",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Image",
                table: "Cameras",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "Cameras" SET
                    "Name" = ("Definition"::json->>'name'),
                    "Kind" = ("Definition"::json->>'kind'),
                    "Width" = ("Definition"::json->>'width')::integer,
                    "Height" = ("Definition"::json->>'height')::integer,
                    "Fps" = ("Definition"::json->>'fps')::double precision,
                    "JpegQuality" = ("Definition"::json->>'jpegQuality')::integer,
                    "AlwaysOn" = ("Definition"::json->>'alwaysOn')::boolean,
                    "Enabled" = ("Definition"::json->>'enabled')::boolean,
                    "Image" = ("Definition"::json->'image')::text,
                    "DeviceProperties" = ("Definition"::json->'deviceProperties')::text,
                    "Folder" = ("Definition"::json->>'folder'),
                    "Device" = ("Definition"::json->>'device')::integer,
                    "File" = ("Definition"::json->>'file'),
                    "Url" = ("Definition"::json->>'url'),
                    "Loop" = ("Definition"::json->>'loop')::boolean,
                    "Command" = ("Definition"::json->>'command'),
                    "Arguments" = ("Definition"::json->'arguments')::text,
                    "UserName" = ("Definition"::json->>'userName'),
                    "Password" = ("Definition"::json->>'password');
                """);

            migrationBuilder.DropColumn(
                name: "Definition",
                table: "Cameras");
        }
    }
}
