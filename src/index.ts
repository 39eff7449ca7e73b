// The plugin's commands are discovered by oclif from lib/commands; nothing is exported here.
export {};
