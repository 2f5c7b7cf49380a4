set(SKYNET_QML_FILES_PROVIDERS
    providers/ProvidersPage.qml
    providers/ProviderCard.qml
    providers/OllamaModelsView.qml
    providers/PullProgress.qml
    providers/TierField.qml
    providers/ProvidersErrorBanner.qml
)
