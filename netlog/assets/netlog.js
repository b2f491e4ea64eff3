/* netlog.js: filled below */
