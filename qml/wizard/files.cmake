set(SKYNET_QML_FILES_WIZARD
    wizard/SetupWizard.qml
    wizard/WizardStep.qml
)
