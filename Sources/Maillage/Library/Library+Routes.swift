import Vapor

/// The library's routes of the one route table (`LibraryURL`), each bound to its handler.
func registerLibraryRoutes(_ app: Application) {
    app.register(.library(.home), use: LibraryController.index)
    app.register(.library(.newResource), use: LibraryController.new)
    app.register(.library(.createResource), use: LibraryController.create)
    app.register(.library(.resource(.key)), use: LibraryController.show)
    app.register(.library(.download(.key)), use: LibraryController.download)
    app.register(.library(.versionDownload(.key, .key)), use: LibraryController.versionDownload)
    app.register(.library(.editResource(.key)), use: LibraryController.edit)
    app.register(.library(.updateResource(.key)), use: LibraryController.update)
    app.register(.library(.addVersion(.key)), use: LibraryController.addVersion)
}
