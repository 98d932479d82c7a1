rule mangio_rvc_installed {
  meta:
    tool = "Mangio-RVC-Fork" category = "AI voice conversion" strength = "installed"
    reference = "signatures-research.md: Mangio-RVC-Fork go-web.bat, infer-web.py, uvr5_weights/"
  condition:
    artifact == "file" and
    (filename matches /^go-web\.bat$/i or filepath matches /(^|\/)Mangio-RVC[^\/]*\/infer-web\.py$/i)
}

rule applio_installed {
  meta:
    tool = "Applio" category = "AI voice conversion" strength = "installed"
    reference = "IAHispano/Applio@b9c0ccb: run-applio.bat, rvc/models/predictors/rmvpe.pt"
  condition:
    artifact == "file" and
    (filename matches /^run-applio\.bat$/i or filepath matches /(^|\/)rvc\/models\/predictors\/rmvpe\.pt$/i)
}

rule w_okada_voice_changer {
  meta:
    tool = "w-okada voice-changer" category = "AI voice conversion" strength = "installed"
    reference = "w-okada/voice-changer: vcclient_win_*.zip, MMVCServerSIO_*, model_dir/<slot>/params.json"
  condition:
    artifact == "file" and
    (filename matches /^(vcclient_win_|MMVCServerSIO).*/i or filepath matches /(^|\/)model_dir\/[0-9]+\/params\.json$/i)
}

rule so_vits_svc_model {
  meta:
    tool = "so-vits-svc" category = "AI voice conversion" strength = "used"
    reference = "svc-develop-team/so-vits-svc: logs/44k/G_*.pth, kmeans_10000.pt"
  condition:
    artifact == "file" and filepath matches /(^|\/)logs\/44k\/(G_[0-9]+\.pth|kmeans_10000\.pt)$/i
}
